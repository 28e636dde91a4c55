/**
 * npm run report -- <subcommand> …
 *
 * One entry per subcommand, each in src/cli/report/<name>.ts exporting `main(): Promise<number>`
 * (it reads its own options from process.argv, the subcommand being the first positional). Exit
 * code: the subcommand's; 2 for an unknown or missing subcommand.
 */
import { runCommand } from './site-connection.js';

const SUBCOMMANDS: Record<string, { about: string; load: () => Promise<{ main: () => Promise<number> }> }> = {
  yearly: { about: 'Årlig återrapportering till kommunstyrelsen', load: () => import('./report/yearly.js') },
  term: { about: 'Återrapportering vid mandatperiodens slut', load: () => import('./report/term.js') },
  compliance: { about: 'Utbildning: andel med giltig obligatorisk utbildning', load: () => import('./report/compliance.js') },
};

const usage = `Användning: npm run report -- <rapport> …

${Object.entries(SUBCOMMANDS)
  .map(([name, s]) => `  ${name.padEnd(12)} ${s.about}`)
  .join('\n')}

  npm run report -- <rapport> --help visar rapportens flaggor.`;

runCommand(async () => {
  const name = process.argv[2];
  const sub = name ? SUBCOMMANDS[name] : undefined;
  if (!sub) {
    if (name === '--help' || name === '-h') {
      console.log(usage);
      return 0;
    }
    console.error(name ? `Okänd rapport '${name}'.\n\n${usage}` : usage);
    return 2;
  }
  return (await sub.load()).main();
});
