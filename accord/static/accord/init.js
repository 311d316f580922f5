// Starts GOV.UK Frontend's components on the page.
import { initAll } from "../build/govuk-frontend.min.js";

initAll();
