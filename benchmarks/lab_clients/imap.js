// Logs in with ImapFlow and opens INBOX, as a small Node script would; prints the error as
// console.error shows it, without the stack's "at ..." frames (the 12 lines a corpus entry keeps
// would hold nothing else). NODE_PATH points at an imapflow installed outside the repository.
const fs = require("fs");
const showError = require("./show-error.js");
const { ImapFlow } = require("imapflow");
const env = process.env;
const client = new ImapFlow({
  host: env.HOST, port: Number(env.PORT), secure: env.SECURITY === "ssl",
  doSTARTTLS: env.SECURITY === "starttls" ? true : (env.SECURITY === "plain" ? false : undefined),
  auth: { user: env.USER_NAME, pass: env.PASSWORD }, tls: { ca: [fs.readFileSync(env.CA)] },
  logger: false, connectionTimeout: 5000, greetingTimeout: 5000, socketTimeout: 8000,
});
client.on("error", () => {});  // the awaited call below reports it
(async () => {
  await client.connect();
  const lock = await client.getMailboxLock("INBOX");
  lock.release();
  await client.logout();
})().then(() => process.exit(0), showError);
