// The funders' report's print button: shown only when script runs (without it,
// the page says to use the browser's own print). No inline script: the CSP forbids it.
document.querySelectorAll("[data-print]").forEach((button) => {
    button.hidden = false;
    button.addEventListener("click", () => window.print());
});
