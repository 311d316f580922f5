// Marks the page as having JavaScript before it is drawn (GOV.UK Frontend's js-enabled class).
// A file, not an inline script: the Content-Security-Policy allows scripts from this site only.
document.body.className +=
  " js-enabled" + ("noModule" in HTMLScriptElement.prototype ? " govuk-frontend-supported" : "");
