// Entry point for the Zapier CLI and the built zip: the compiled app definition (run `npm run build` first).
module.exports = require('./dist/index.js').default;
