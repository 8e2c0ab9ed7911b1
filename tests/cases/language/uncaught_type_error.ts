// A runtime TypeError raised by the engine itself (not a throw statement) ends the program with status 1.
interface Config {
  server?: { port: number };
}

function portOf(config: Config): number {
  return config.server!.port;
}

const configs: Config[] = [{ server: { port: 80 } }, { server: { port: 8080 } }, {}];
let total = 0;
for (const config of configs) {
  console.log("checking a config with server:", config.server !== undefined);
  total += portOf(config);
  console.log("running total:", total);
}
console.log("never reached", total);
