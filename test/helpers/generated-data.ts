/**
 * Datasets the tests make themselves, so that what the emulated classroom shows is checked on
 * data nobody tuned it on: business reports (with a reference summary written from the same
 * facts in other words) and support tickets (with their true label), drawn from seeded pools of
 * companies, people, figures, dates, negations, hedges and decisions. The seed fixes the data;
 * nothing here knows what the emulated models or the judge will do with it.
 */
import { writeFileSync } from 'node:fs';
import { formatCsv } from '../../src/core/csv';
import { seededRandom } from '../../src/core/stats/random';

const SYLLABLES = ['tal', 'ver', 'mon', 'dra', 'kel', 'sor', 'vin', 'bel', 'tor', 'nax', 'rio', 'lum', 'pex', 'cor', 'dan', 'fel'];
const SUFFIXES = ['Systems', 'Foods', 'Logistics', 'Energy', 'Textiles', 'Health', 'Robotics', 'Media'];
const FIRST = ['Amara', 'Jonas', 'Leila', 'Tomas', 'Ines', 'Marek', 'Sofia', 'Kenji', 'Elena', 'Rafael', 'Nadia', 'Owen'];
const LAST = ['Varga', 'Lindholm', 'Osei', 'Castro', 'Ferreira', 'Nowak', 'Tanaka', 'Dubois', 'Moretti', 'Keller', 'Aziz', 'Byrne'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DRIVERS = [
  ['the export business', 'export sales'],
  ['the subscription service', 'subscription revenue'],
  ['the new plant in the north', 'plant output'],
  ['the wholesale channel', 'wholesale orders'],
];
const PROBLEMS = [
  ['Late deliveries', 'orders'],
  ['Customer complaints', 'accounts'],
  ['Defective units', 'shipments'],
  ['Cancelled bookings', 'bookings'],
];
const ACTIONS = [
  'open a second warehouse',
  'replace the billing system',
  'hire twelve engineers',
  'renegotiate the freight contract',
  'close two regional offices',
  'launch a loyalty programme',
];

export interface GeneratedReport {
  document: string;
  reference: string;
}

/** `count` business reports with reference summaries, from `seed`. */
export function generatedReports(count: number, seed: number): GeneratedReport[] {
  const random = seededRandom(`reports|${seed}`);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)];
  const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const out: GeneratedReport[] = [];
  for (let i = 0; i < count; i++) {
    const name = `${pick(SYLLABLES)}${pick(SYLLABLES)}`;
    const company = `${name.charAt(0).toUpperCase()}${name.slice(1)} ${pick(SUFFIXES)}`;
    const person = `${pick(FIRST)} ${pick(LAST)}`;
    const lead = `${pick(FIRST)} ${pick(LAST)}`;
    const quarter = pick(['first', 'second', 'third', 'fourth']);
    const year = int(2024, 2027);
    const revenue = (int(120, 980) / 10).toFixed(1);
    const growth = int(3, 29);
    const up = random() < 0.7;
    const [driver, driverMetric] = pick(DRIVERS);
    const driverGrowth = int(11, 64);
    const driverValue = (int(20, 400) / 10).toFixed(1);
    const [problem, unit] = pick(PROBLEMS);
    const problemShare = int(6, 19);
    const target = int(2, 5);
    const month = pick(MONTHS);
    const day = int(2, 28);
    const actions = [...ACTIONS].sort(() => random() - 0.5).slice(0, 3);
    const headcount = int(40, 900);
    const budget = int(2, 60) * 100;
    const noLoss = pick(['No customer data was lost', 'No order was charged twice', 'No safety incident was reported']);
    const hedge = pick([
      `Margins could fall by ${int(2, 6)} points if energy prices keep rising`,
      `A strike at the port could delay ${int(10, 40)} percent of shipments`,
      `The regulator may require a second audit before the launch`,
    ]);
    const document = [
      `${company} closed the ${quarter} quarter of ${year} with revenue of ${revenue} million euros, ${up ? 'up' : 'down'} ${growth} percent from the same quarter a year earlier.`,
      `The change came mainly from ${driver}, where ${driverMetric} ${up ? 'rose' : 'fell'} ${driverGrowth} percent to ${driverValue} million euros.`,
      `Chief financial officer ${person} said the company does not expect to raise prices this year.`,
      `${problem} reached ${problemShare} percent of ${unit}, well above the target of ${target} percent.`,
      `${noLoss}, and the operations team has not found a single cause yet.`,
      `The board approved three decisions: to ${actions[0]} by ${month} ${day}, to ${actions[1]} and to ${actions[2]}.`,
      `The programme has a budget of ${budget} thousand euros and is led by ${lead}.`,
      `${hedge}.`,
      `The company employs ${headcount} people in its ${pick(['four', 'five', 'six', 'seven'])} sites.`,
      `The review is closed only when ${problem.toLowerCase()} fall below the target for two months in a row.`,
    ].join(' ');
    const reference = [
      `${company}'s revenue for the ${quarter} quarter of ${year} was ${revenue} million euros (${up ? 'up' : 'down'} ${growth}%), driven by ${driver}, ${up ? 'up' : 'down'} ${driverGrowth}% to ${driverValue} million.`,
      `${problem} hit ${problemShare}% of ${unit} against a ${target}% target, with no single cause found yet.`,
      `The board decided to ${actions[0]} by ${month} ${day}, to ${actions[1]} and to ${actions[2]}, in a ${budget} thousand euro programme led by ${lead}.`,
      `${hedge}.`,
    ].join(' ');
    out.push({ document, reference });
  }
  return out;
}

const TICKETS: Record<string, string[]> = {
  billing: [
    'I was charged {n} euros twice for the same invoice.',
    'Please refund the fee on my card from {month}.',
    'My subscription payment went through but the invoice shows the old price.',
  ],
  technical: [
    'The app crashes every time I open the {thing} screen.',
    'Since the update the sync stops with an error.',
    'The API answers with a timeout for every request.',
  ],
  account: [
    'I cannot log in: the password reset email never arrives.',
    'Please delete my account and my profile data.',
    'My account is locked after {n} login attempts.',
  ],
  shipping: [
    'My package has not arrived and the tracking stopped in {month}.',
    'The courier delivered the parcel to the wrong address.',
    'The delivery is {n} days late.',
  ],
  other: ['Do you have a shop in {city}?', 'Thank you, your team was {adjective} last week.', 'Who is your press contact?'],
};
/** Tickets with cues for two labels: the first is the true one. */
const TWO_LABELS: [string, string][] = [
  ['The app shows an error when I pay my invoice.', 'technical'],
  ['I was charged for a delivery that never arrived at my address.', 'shipping'],
  ['After the update I cannot log in to see my invoice.', 'account'],
];

/** `count` support tickets with their true label (one in six with cues for two labels), from `seed`. */
export function generatedTickets(count: number, seed: number): { document: string; label: string }[] {
  const random = seededRandom(`tickets|${seed}`);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)];
  const labels = Object.keys(TICKETS);
  const seen = new Set<string>();
  return Array.from({ length: count }, (_, i) => {
    const [template, label] = i % 6 === 5 ? pick(TWO_LABELS) : [pick(TICKETS[labels[i % labels.length]]), labels[i % labels.length]];
    let text = template
      .replace('{n}', String(2 + Math.floor(random() * 9)))
      .replace('{month}', pick(MONTHS))
      .replace('{thing}', pick(['settings', 'profile', 'report', 'calendar']))
      .replace('{city}', pick(['Lyon', 'Turin', 'Graz', 'Leeds']))
      .replace('{adjective}', pick(['kind', 'quick', 'helpful']));
    // Every ticket once: a repeated text would be one document twice.
    if (seen.has(text)) text = `${text} Ticket ${1000 + i}.`;
    seen.add(text);
    return { document: text, label };
  });
}

/** Write rows as a CSV the workshop reads (`dataset.path`). */
export function writeDataset(file: string, rows: Record<string, string>[]): string {
  writeFileSync(file, formatCsv(Object.keys(rows[0]), rows));
  return file;
}
