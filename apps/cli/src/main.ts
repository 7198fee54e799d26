// `openami`: one entry point, one module per subcommand. Each command module exports
// `run(args, io)` and is loaded lazily, so `openami 645 decode` does not load the database driver.
import { commands } from './commands.ts';
import { processIo } from './io.ts';

const [name, ...args] = process.argv.slice(2);
process.exitCode = await runCommand(name, args);

async function runCommand(commandName: string | undefined, commandArgs: string[]): Promise<number> {
  const io = processIo();
  const command = commandName === undefined ? undefined : commands[commandName];
  if (command === undefined) {
    io.err(usage());
    return commandName === undefined || commandName === 'help' || commandName === '--help' ? 0 : 2;
  }
  const module = await command.load();
  return module.run(commandArgs, io);
}

function usage(): string {
  const lines = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`);
  return ['usage: openami <command> [args]', '', 'commands:', ...lines].join('\n');
}
