// Counts Content-Security-Policy violations on this page and shows them (external file: CSP allows it).
window.cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.cspViolations.push({ directive: e.violatedDirective, blocked: e.blockedURI, sample: e.sample });
  const status = document.getElementById('csp-status');
  if (status)
    status.textContent = `CSP violations: ${window.cspViolations.length} (${e.violatedDirective} ${e.blockedURI})`;
  console.error(`[csp] ${e.violatedDirective} blocked ${e.blockedURI}`);
});
