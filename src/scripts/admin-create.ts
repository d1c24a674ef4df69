import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { DomainError } from "@/lib/domain-error";
import { parseMessage } from "@/lib/message";
import enMessages from "@/messages/en.json";
import { moduleMessages } from "@/root/messages";
import { createStaffAccount } from "@/modules/identity/create-staff-account";
import { ZCreateStaffAccountInput } from "@/modules/identity/inputs";
import { openScriptDatabase } from "./open-database";
import { scriptError } from "./script-error";

// `npm run admin:create -- --login <login> --name <name>`: creates an administrator, the account
// that creates departments and staff accounts, e.g. the first one of a new province. The password
// comes from ADMIN_PASSWORD or is asked for (not echoed); it is never printed or logged. A login
// already in use is refused (exit code 2). With the embedded database stop the portal first:
// PGlite allows one process per data folder.
const usage = "Usage: [ADMIN_PASSWORD=…] npm run admin:create -- --login <login> --name <display name>";
const { values } = parseArgs({ options: { login: { type: "string" }, name: { type: "string" } }, strict: true });
if (!values.login || !values.name) {
  console.error(usage);
  process.exit(2);
}

/** Reads a password from the terminal without echoing it, or a line from a pipe. */
async function askPassword(prompt: string): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY });
  const muted = rl as unknown as { _writeToOutput: (s: string) => void };
  const write = muted._writeToOutput.bind(rl);
  if (process.stdin.isTTY) {
    process.stdout.write(prompt);
    muted._writeToOutput = () => undefined;
  }
  const answer = await new Promise<string>((resolve) => rl.question(process.stdin.isTTY ? "" : prompt, resolve));
  muted._writeToOutput = write;
  rl.close();
  if (process.stdin.isTTY) process.stdout.write("\n");
  return answer;
}

let password = process.env.ADMIN_PASSWORD;
if (!password) {
  password = await askPassword("Password for the administrator: ");
  if (process.stdin.isTTY && (await askPassword("Again: ")) !== password) {
    console.error("The two passwords differ; nothing was written.");
    process.exit(2);
  }
}
/** A zod message key in English, for the terminal: `validation.password.short` → its text. */
function english(encoded: string): string {
  const { key, params } = parseMessage(encoded);
  let node: unknown = { ...enMessages, ...moduleMessages.en };
  for (const part of key.split(".")) node = node && typeof node === "object" ? (node as Record<string, unknown>)[part] : undefined;
  return typeof node === "string" ? node.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? name)) : encoded;
}

const input = ZCreateStaffAccountInput.safeParse({ login: values.login, displayName: values.name, role: "administrator", password });
if (!input.success) {
  // The messages are message keys of the zod schema; the path says which value to fix (never its content).
  console.error(
    [
      "Refused; nothing was written:",
      ...input.error.issues.map(
        (i) => `  ${i.path.join(".") === "displayName" ? "--name" : i.path.join(".") === "password" ? "password" : "--login"}: ${english(i.message)}`,
      ),
    ].join("\n"),
  );
  process.exit(2);
}

const handle = await openScriptDatabase();
try {
  await handle.migrate();
  const created = await createStaffAccount(handle.db, null, input.data);
  console.log(`Administrator ${created.login} created; sign in with that login and the password you gave.`);
} catch (error) {
  if (error instanceof DomainError && error.code === "conflict") {
    console.error(`Refused: the login ${values.login} is already in use; nothing was written.`);
    process.exitCode = 2;
  } else {
    console.error(`Creating the administrator failed: ${scriptError(error)}`);
    process.exitCode = 1;
  }
} finally {
  await handle.close();
}
