// Loaded first by the two-copies pages: what a later script throws while it runs, for the test to read.
window.errors = [];
window.addEventListener('error', (event) => window.errors.push(String(event.message)));
