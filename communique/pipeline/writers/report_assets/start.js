/* ---------- start (joined last): saved work back, then the first view ---------- */

  restore();
  setupHeader();
  window.addEventListener('hashchange', route);
  document.addEventListener('keydown', onKey);
  refreshBadge();
  route();
