// Sends one message with emailjs, as a small Node script would; prints the error as console.error
// shows it, without the stack's "at ..." frames. emailjs is an ES module: it is imported from
// LAB_EMAILJS_PATH (the node_modules folder it was installed into, outside the repository).
const fs = require("fs");
const path = require("path");
const showError = require("./show-error.js");
const { pathToFileURL } = require("url");
const env = process.env;

(async () => {
  const entry = path.join(env.LAB_EMAILJS_PATH, "emailjs", "dist", "index.js");
  const { SMTPClient } = await import(pathToFileURL(entry).href);
  const tls = { ca: [fs.readFileSync(env.CA)] };
  const client = new SMTPClient({
    host: env.HOST, port: Number(env.PORT), ssl: env.SECURITY === "ssl" ? tls : false,
    tls: env.SECURITY === "starttls" ? tls : false, timeout: 8000,
    ...(env.AUTH === "none" ? {} : { user: env.USER_NAME, password: env.PASSWORD }),
    ...(env.MECHANISM ? { authentication: [env.MECHANISM] } : {}),
  });
  await client.sendAsync({ text: "hello", from: env.FROM, to: "bob@example.org", subject: "test" });
})().then(() => process.exit(0), showError);
