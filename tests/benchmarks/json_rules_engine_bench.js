// The peer in the rule-evaluation benchmark: json-rules-engine (npm) over
// the rule set sendcase ships, on the same journey.
//
//   node json_rules_engine_bench.js DUMP_DIR [SECONDS]
//
// DUMP_DIR holds rules.json and journey.json, written by
// `rules_bench --dump_dir` from rules/definitions and full_journey.textproto,
// so both engines read one source. Every rule's openings, met_by and
// cancelled_by become json-rules-engine rules (event kind, field conditions,
// prior state and age as facts); the clock bookkeeping around them mirrors
// rules/evaluator.cc, and due dates are counted as rules/calendar does (the
// peer does not build sendcase's explanation texts, which the C++ side
// does). Before timing, the peer's clock changes are checked against what
// sendcase's rules did; the result line says whether they agreed.
//
// Prints: PEER\tjson-rules-engine\t<version>\t<ns per journey>\t<journeys>
//         \t<events per journey>\t<agree: yes|NO (first difference)>
'use strict';

const fs = require('fs');
const path = require('path');
const { Engine } = require('json-rules-engine');
const engineVersion = require('json-rules-engine/package.json').version;

const dir = process.argv[2];
const seconds = Number(process.argv[3] || 5);
const ruleSet = JSON.parse(fs.readFileSync(path.join(dir, 'rules.json')));
const journey = JSON.parse(fs.readFileSync(path.join(dir, 'journey.json')));

// ---- Dates as day numbers (days since 1970-01-01, UTC) ----
const DAY_MS = 86400000;
const toDay = (s) => Date.UTC(+s.slice(0, 4), +s.slice(5, 7) - 1, +s.slice(8, 10)) / DAY_MS;
const fromDay = (n) => new Date(n * DAY_MS).toISOString().slice(0, 10);
const ymd = (n) => { const d = new Date(n * DAY_MS); return [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()]; };
const makeDay = (y, m, d) => Date.UTC(y, m - 1, d) / DAY_MS;
const daysInMonth = (y, m) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const holidays = new Set(ruleSet.holidays.map((h) => toDay(h.date)));
const isWorking = (n) => { const w = new Date(n * DAY_MS).getUTCDay(); return w !== 0 && w !== 6 && !holidays.has(n); };
const nextWorkingOnOrAfter = (n) => { while (!isWorking(n)) n++; return n; };

function addMonthsClamped(n, months) {
  const [y, m, d] = ymd(n);
  const total = y * 12 + (m - 1) + months;
  const ty = Math.floor(total / 12), tm = (total % 12) + 1;
  return makeDay(ty, tm, Math.min(d, daysInMonth(ty, tm)));
}
function monthsPeriodLastDay(n, months) {
  const [y, m, d] = ymd(n);
  const total = y * 12 + (m - 1) + months;
  const ty = Math.floor(total / 12), tm = (total % 12) + 1;
  const end = d > daysInMonth(ty, tm) ? makeDay(ty, tm + 1, 1) : makeDay(ty, tm, d);
  return end - 1;
}
function tribunalAdjust(base) {
  const [y, m, d] = ymd(base);
  if (m === 8) return nextWorkingOnOrAfter(makeDay(y, 9, 1));
  if (m === 12 && d >= 25) return nextWorkingOnOrAfter(makeDay(y + 1, 1, 2));
  if (m === 1 && d === 1) return nextWorkingOnOrAfter(makeDay(y, 1, 2));
  return nextWorkingOnOrAfter(base);
}
function addWorkingDays(n, count) {
  while (count > 0) { n++; if (isWorking(n)) count--; }
  return n;
}
const includeEventDay = ruleSet.week_counting === 'INCLUDE_EVENT_DAY';

// An outer limit from an earlier event (no_later_than): the earlier of the
// two, as rules/due_explain.cc ApplyBound does.
function bounded(due, day, earlier) {
  const b = due.no_later_than;
  if (!b || earlier[b.event] === undefined) return day;
  const from = earlier[b.event].day;
  for (const reset of b.reset_by || []) {
    const r = earlier[reset.event];
    const when = Object.entries(reset.when || {});
    if (r && r.day > from && when.every(([k, v]) => r.fields[k] === v)) return day;
  }
  return Math.min(day, from + 7 * b.weeks - (includeEventDay ? 1 : 0));
}

// Start and due of a clock opened by `due` for this step (ComputeDue).
function computeDue(due, step, decision, earlier) {
  const [start, day] = countDue(due, step, decision);
  return [start, bounded(due, day, earlier)];
}

function countDue(due, step, decision) {
  const anchor = due.anchor ? toDay(step.fields[due.anchor]) : toDay(step.date);
  if (due.weeks) return [anchor, anchor + 7 * due.weeks - (includeEventDay ? 1 : 0)];
  if (due.days_inclusive) return [anchor, anchor + due.days_inclusive - 1];
  if (due.on_anchor) return [anchor, anchor];
  if (due.months) return [anchor, addMonthsClamped(anchor, due.months)];
  if (due.months_period) return [anchor, monthsPeriodLastDay(anchor, due.months_period)];
  if (due.before_in_year) {
    // A date on or after the transfer itself cannot be met: the day before.
    const day = makeDay(ymd(anchor)[0], due.before_in_year.month, due.before_in_year.day) - 1;
    return [anchor, day >= anchor ? anchor - 1 : day];
  }
  if (due.months_before) return [anchor, addMonthsClamped(anchor, -due.months_before)];
  if (due.working_days) return [anchor, addWorkingDays(anchor, due.working_days)];
  if (due.tribunal_appeal) {
    if (decision !== undefined) {
      const base = Math.max(addMonthsClamped(decision, 2), addMonthsClamped(anchor, 1));
      return [decision, tribunalAdjust(base)];
    }
    return [anchor, tribunalAdjust(addMonthsClamped(anchor, 2))];
  }
  throw new Error(`unknown due rule in ${JSON.stringify(due)}`);
}

// ---- The rule set as json-rules-engine rules ----
function conditions(match) {
  const all = [{ fact: 'event', operator: 'equal', value: match.event }];
  for (const [field, value] of Object.entries(match.when || {})) {
    all.push({ fact: 'fields', path: `$.${field}`, operator: 'equal', value });
  }
  if ((match.from_states || []).length) all.push({ fact: 'from_state', operator: 'in', value: match.from_states });
  if (match.pupil_younger_than_years) all.push({ fact: 'age', operator: 'lessThan', value: match.pupil_younger_than_years });
  return { all };
}
const engine = new Engine([], { allowUndefinedFacts: true });
const rulesById = new Map();
ruleSet.rules.forEach((rule, order) => {
  rulesById.set(rule.id, rule);
  const add = (type, match, extra) => engine.addRule({
    name: `${rule.id} ${type}`,
    conditions: conditions(match),
    event: { type, params: { rule: rule.id, order, ...extra } },
  });
  rule.opens.forEach((opening, i) => add('open', opening.on, { opening: i }));
  rule.met_by.forEach((m) => add('met', m));
  rule.cancelled_by.forEach((m) => add('cancelled', m));
});

// ---- One step: the evaluator's bookkeeping around the engine's events ----
const LIVE = new Set(['OPEN', 'EXCEPTION']);
const liveIn = (rule, state) => (rule.live_in || []).includes(state);

async function evaluate(step, live, earlier) {
  const facts = { event: step.event, fields: step.fields, from_state: step.from_state, age: step.age };
  const { events } = await engine.run(facts);
  const met = new Set(), cancelled = new Set(), opens = new Map();
  for (const e of events) {
    const p = e.params;
    if (e.type === 'met') met.add(p.rule);
    else if (e.type === 'cancelled') cancelled.add(p.rule);
    else if (!opens.has(p.rule) || opens.get(p.rule).opening > p.opening) opens.set(p.rule, p);
  }
  const day = toDay(step.date);
  const subjectOf = (rule) => (rule.subject_field ? step.fields[rule.subject_field] : '');
  const changes = [], stillLive = [];
  // 1. Close: met before cancelled; a window met after its date expired.
  for (const clock of live) {
    const rule = rulesById.get(clock.rule_id);
    const subject = rule.subject_field ? step.fields[rule.subject_field] : undefined;
    const sameParty = subject === undefined || subject === clock.subject;
    if (sameParty && met.has(clock.rule_id)) {
      changes.push({ ...clock, status: rule.window && day > clock.due ? 'EXPIRED' : 'MET' });
    } else if (sameParty && cancelled.has(clock.rule_id)) changes.push({ ...clock, status: 'CANCELLED' });
    else stillLive.push({ ...clock });
  }
  // 2. Open; a concurrent rule never supersedes, and a certificate extends
  // the latest window still open on its date.
  const opened = [];
  for (const p of [...opens.values()].sort((a, b) => a.order - b.order)) {
    const rule = rulesById.get(p.rule);
    const due = rule.opens[p.opening].due;
    if (rule.concurrent && due.tribunal_appeal && step.event === 'mediation_certificate_issued') {
      let target;
      for (const clock of stillLive) {
        if (clock.rule_id !== rule.id || !LIVE.has(clock.status) || clock.due < day || clock.start > day) continue;
        if (!target || clock.start >= target.start) target = clock;
      }
      if (target) {
        const [, extended] = computeDue(due, step, target.start, earlier);
        changes.push({ ...target, due: extended });
      }
      continue;
    }
    const subject = rule.concurrent ? `${step.event} ${step.date}` : subjectOf(rule) || '';
    for (const clock of stillLive) {
      if (clock.rule_id !== rule.id || clock.subject !== subject) continue;
      changes.push({ ...clock, status: 'CANCELLED' });
      clock.status = 'CANCELLED';
    }
    const [start, dueDay] = computeDue(due, step, undefined, earlier);
    opened.push({ rule_id: rule.id, subject, status: 'OPEN', start, due: dueDay });
  }
  // 3. A live clock whose step can no longer happen closes with it.
  for (const clock of stillLive) {
    if (!LIVE.has(clock.status) || liveIn(rulesById.get(clock.rule_id), step.to_state)) continue;
    if (changes.some((c) => c.id === clock.id)) continue;
    changes.push({ ...clock, status: 'CANCELLED' });
  }
  return changes.concat(opened.filter((c) => liveIn(rulesById.get(c.rule_id), step.to_state)));
}

async function walk(check) {
  let live = [];
  let nextId = 1;
  const earlier = {};
  for (const step of journey) {
    const changes = await evaluate(step, live, earlier);
    if (check) {
      const got = changes.map((c) => `${c.rule_id}/${c.subject} ${c.status} ${fromDay(c.due)}`);
      const want = step.expected.map((c) => `${c.rule_id}/${c.subject} ${c.status} ${c.due}`);
      if (got.join(';') !== want.join(';')) {
        return `${step.date} ${step.event}: json-rules-engine [${got.join(', ')}] vs sendcase [${want.join(', ')}]`;
      }
    }
    // Changed clocks replace their row (and leave the live list when
    // closed); opened ones join it.
    for (const c of changes) {
      if (c.id === undefined) { live.push({ ...c, id: nextId++ }); continue; }
      live = LIVE.has(c.status) ? live.map((x) => (x.id === c.id ? c : x)) : live.filter((x) => x.id !== c.id);
    }
    earlier[step.event] = { day: toDay(step.date), fields: step.fields };
  }
  return '';
}

(async () => {
  const difference = await walk(true);
  for (let i = 0; i < 200; i++) await walk(false);  // warm the JIT
  let journeys = 0;
  const start = process.hrtime.bigint();
  const budget = BigInt(Math.round(seconds * 1e9));
  let elapsed = 0n;
  while (elapsed < budget) {
    await walk(false);
    journeys++;
    elapsed = process.hrtime.bigint() - start;
  }
  const nsPerJourney = Number(elapsed) / journeys;
  console.log(['PEER', 'json-rules-engine', engineVersion, nsPerJourney.toFixed(0), journeys,
    journey.length, difference ? `NO (${difference})` : 'yes'].join('\t'));
})();
