// How the Node clients' scripts print the error they end with: as console.error shows it, but
// without the stack's "at ..." frames (the 12 lines a corpus entry keeps would hold nothing
// else); the frames' last line opens the error's own fields, so its " {" is kept.
const util = require("util");

module.exports = function showError(err) {
  const shown = [];
  for (const line of util.inspect(err).split("\n")) {
    if (!/^\s+at /.test(line)) shown.push(line);
    else if (line.endsWith(" {")) shown[shown.length - 1] += " {";
  }
  console.error(shown.join("\n"));
  process.exit(1);
};
