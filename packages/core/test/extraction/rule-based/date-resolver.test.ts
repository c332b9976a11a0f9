import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyResolvedDates, resolveDates } from '../../../src/extraction/rule-based/date-resolver.js';
import { referenceTimeOf } from '../../../src/text/reference-time.js';

// A Monday afternoon.
const REFERENCE = referenceTimeOf('2023-05-08T13:56:00Z');

function resolve(sentence: string, future = false) {
  const dates = resolveDates(sentence, REFERENCE, future);
  return { text: applyResolvedDates(sentence, dates), dates };
}

describe('resolveDates', () => {
  it('gives a day and month said outside the past the nearest year, and keeps past ones behind', () => {
    // In May: "june 16" is this June, not last; "I moved there on 16 June" is last June.
    assert.equal(
      resolve('its on june 16, i have like 5 weeks to train').dates[0]?.iso.slice(0, 10),
      '2023-06-16',
    );
    assert.equal(resolve('I moved there on 16 June.').dates[0]?.iso.slice(0, 10), '2022-06-16');
    assert.equal(resolve('The exam is on 20 December.').dates[0]?.iso.slice(0, 10), '2022-12-20');
  });

  it('resolves "yesterday" to the day before and substitutes the date', () => {
    const { text, dates } = resolve('I went to a support group yesterday.');
    assert.equal(text, 'I went to a support group on 7 May 2023.');
    assert.equal(dates[0]?.iso, '2023-05-07T00:00:00.000Z');
    assert.equal(dates[0]?.precision, 'day');
  });

  it('resolves "next Friday" forward and "last Friday" backward', () => {
    const next = resolve('We fly out next Friday.', true);
    assert.equal(next.text, 'We fly out on Friday, 12 May 2023.');
    assert.equal(next.dates[0]?.iso.slice(0, 10), '2023-05-12');
    const last = resolve('I ran a race last Friday.');
    assert.equal(last.text, 'I ran a race the Friday before 8 May 2023.');
    assert.equal(last.dates[0]?.iso.slice(0, 10), '2023-05-05');
  });

  it('resolves "last year", "last week", "last month" and "two weekends ago"', () => {
    assert.equal(resolve('I painted it last year.').text, 'I painted it in 2022.');
    assert.equal(resolve('I painted it last year.').dates[0]?.iso.slice(0, 10), '2022-01-01');
    assert.equal(resolve('I gave a talk last week.').text, 'I gave a talk the week before 8 May 2023.');
    assert.equal(resolve('I moved last month.').text, 'I moved in April 2023.');
    assert.equal(
      resolve('We went camping two weekends ago.').text,
      'We went camping two weekends before 8 May 2023.',
    );
  });

  it('gives a month without a year the year the tense implies', () => {
    assert.equal(resolve('In March I started pottery.').text, 'In March 2023 I started pottery.');
    assert.equal(resolve("I'll visit Oslo in September.", true).text, "I'll visit Oslo in September 2023.");
    assert.equal(resolve('I turned 30 in December.').dates[0]?.iso.slice(0, 10), '2022-12-01');
  });

  it('reads years, seasons and "N years ago" that chrono leaves alone', () => {
    assert.equal(resolve('We met in 2019.').dates[0]?.iso.slice(0, 4), '2019');
    assert.equal(resolve('Last summer was hot.').dates[0]?.iso.slice(0, 10), '2022-06-01');
    assert.equal(resolve('I got a tattoo 10 years ago.').text, 'I got a tattoo 10 years ago (around 2013).');
  });

  it('marks "until" dates as bounds', () => {
    const { dates } = resolve('The offer is valid until 30 June.', true);
    assert.equal(dates[0]?.bound, 'until');
    assert.equal(dates[0]?.iso.slice(0, 10), '2023-06-30');
  });

  it('ignores durations, "now", and lower-case month and weekday words', () => {
    for (const sentence of [
      'I have had them for 3 years now.',
      'Right now I am busy.',
      'I may march on.',
      'Sun was out.',
    ]) {
      assert.deepEqual(resolve(sentence).dates, [], sentence);
    }
  });

  it('resolves against the document offset, not UTC', () => {
    const evening = referenceTimeOf('2023-05-08T22:30:00-05:00');
    const [date] = resolveDates('I saw it yesterday.', evening, false);
    assert.equal(applyResolvedDates('I saw it yesterday.', date ? [date] : []), 'I saw it on 7 May 2023.');
  });
});
