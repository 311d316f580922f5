// Starts GOV.UK Frontend's components on the page.
import { initAll } from "../build/govuk-frontend.min.js";

initAll();

// On a phone a table is drawn as a card per row (accord.scss): each cell is headed by the name
// of its column, unless the template named it already.
for (const table of document.querySelectorAll("table.govuk-table")) {
  const headers = [...table.querySelectorAll("thead th")].map((th) => th.textContent.trim());
  for (const row of table.querySelectorAll("tbody tr, tfoot tr")) {
    [...row.children].forEach((cell, column) => {
      if (!cell.hasAttribute("data-label") && headers[column]) {
        cell.setAttribute("data-label", headers[column]);
      }
    });
  }
}
