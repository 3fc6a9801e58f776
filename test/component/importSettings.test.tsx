/**
 * Issue 15 item 8: the log import's account (time zone, currency, business country and the
 * authentication-international start, one date or per country) can be set in the panel, is kept
 * in the share link, and the log is priced again when it changes (without choosing the file again).
 */
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { bundledRateCards, parseMessageLog, priceEvents } from '../../engine/index.ts';
import { App } from '../../widget/App.tsx';
import { bundledStore } from '../../widget/cards.ts';
import { formFromShare, shareStateOf } from '../../widget/share/shareLink.ts';
import { createI18n } from '../../widget/i18n.ts';
import { useCards } from '../../widget/import/cardSet.ts';
import { ImportSection } from '../../widget/import/ImportSection.tsx';
import { runJob } from '../../widget/import/jobs.ts';
import type { ToWorker } from '../../widget/import/protocol.ts';
import type { WorkerLike } from '../../widget/import/spawn.ts';
import { derive, initialForm } from '../../widget/model.ts';
import { parseOptions } from '../../widget/options.ts';
import { decodeScenario, encodeScenario } from '../../widget/share/scenarioUrl.ts';
import { COUNTRIES, loadAllLocales, NOW } from './helpers.tsx';

// India's authentication template from a Brazilian business: domestic 0.0014, international 0.0304 (USD).
const LOG = [
  'at,direction,user,kind,category,entryPoint,businessNumber,status',
  '2026-11-02T11:00:00Z,outbound,+919876543210,template,authentication,,PN1,read',
  '2026-11-03T11:00:00Z,outbound,+919876543211,template,authentication,,PN1,read',
  '2026-11-03T12:00:00Z,outbound,+5511987650002,template,authentication,,PN1,read',
].join('\n');
const events = parseMessageLog(LOG).events;

/** The messages the panel posted to its workers (a worker is kept after its job: it holds the events). */
const posted: string[] = [];
function fakeWorker(): WorkerLike {
  const w: WorkerLike = {
    onmessage: null,
    onerror: null,
    terminate() {
      w.onmessage = null;
    },
    postMessage(m: unknown) {
      posted.push((m as ToWorker).type);
      void runJob(m as ToWorker, (r) => w.onmessage?.({ data: r }));
    },
  };
  return w;
}

function Harness() {
  const cards = useCards(bundledStore(bundledRateCards), null);
  const t = createI18n('en').getFixedT('en');
  return (
    <ImportSection
      idPrefix="t"
      lang="en"
      t={t}
      cards={cards}
      currency="USD"
      countries={COUNTRIES}
      currencies={['AED', 'BRL', 'USD']}
      allowCardImport={false}
      open
      createWorker={fakeWorker}
    />
  );
}

beforeAll(loadAllLocales);
afterEach(() => {
  cleanup();
  history.replaceState(null, '', location.pathname);
});

describe('the log import settings', () => {
  it('prices again when the business country, the start and the currency change, with no new file', async () => {
    render(<Harness />);
    const region = await screen.findByRole('region', { name: 'Price a message log' });
    fireEvent.input(within(region).getByLabelText('Time zone of your WhatsApp Business Account'), {
      target: { value: 'UTC' },
    });
    const input = within(region).getByLabelText('Message log file');
    Object.defineProperty(input, 'files', { value: [new File([LOG], 'log.csv')], configurable: true });
    fireEvent.change(input);
    const total = () => within(region).getByTestId('log-total').getAttribute('data-total');
    const priced = (account: object) =>
      priceEvents(events, { timeZone: 'UTC', currency: 'USD', ...account } as never).total;
    await waitFor(() => expect(total()).toBe(priced({})));
    expect(posted).toEqual(['log']);
    // Business country, then one date for every market: India's messages become international.
    fireEvent.change(within(region).getByLabelText('Business country for this log'), {
      target: { value: 'BR' },
    });
    const from = within(region).getByLabelText('Authentication-international rates from (YYYY-MM-DD)');
    fireEvent.input(from, { target: { value: '2026-13-01' } });
    expect(from.getAttribute('aria-invalid')).toBe('true');
    fireEvent.input(from, { target: { value: '2026-01-01' } });
    const international = priced({ businessCountry: 'BR', authInternationalFrom: '2026-01-01' });
    expect(international).not.toBe(priced({ businessCountry: 'BR' }));
    await waitFor(() => expect(total()).toBe(international));
    // Priced again by the worker that read the file (it streams the File it kept): no new log job.
    expect(posted.filter((m) => m === 'log')).toEqual(['log']);
    expect(posted).toContain('reprice');
    expect(within(region).getByTestId('log-account-business').textContent).toContain('Brazil');
    // Per country: India from 3 November only.
    fireEvent.change(within(region).getByLabelText('Recipient country'), { target: { value: 'IN' } });
    fireEvent.input(within(region).getByLabelText('From (YYYY-MM-DD)'), { target: { value: '2026-11-03' } });
    fireEvent.click(within(region).getByRole('button', { name: 'Add this date' }));
    const perCountry = priced({ businessCountry: 'BR', authInternationalFrom: { IN: '2026-11-03' } });
    await waitFor(() => expect(total()).toBe(perCountry));
    expect(within(region).getByTestId('log-auth-list').textContent).toContain('India');
    // Currency: the same log in BRL (the derived BRL card).
    fireEvent.change(within(region).getByLabelText('Billing currency'), { target: { value: 'BRL' } });
    await waitFor(() =>
      expect(within(region).getByTestId('log-total').getAttribute('data-currency')).toBe('BRL'),
    );
    expect(total()).toBe(
      priceEvents(events, {
        timeZone: 'UTC',
        currency: 'BRL',
        businessCountry: 'BR',
        authInternationalFrom: { IN: '2026-11-03' },
      }).total,
    );
    // Removing the country's date goes back to the one date.
    expect(posted.filter((m) => m === 'log')).toEqual(['log']);
    fireEvent.click(within(region).getByRole('button', { name: 'Remove India' }));
    await waitFor(() =>
      expect(total()).toBe(
        priceEvents(events, {
          timeZone: 'UTC',
          currency: 'BRL',
          businessCountry: 'BR',
          authInternationalFrom: '2026-01-01',
        }).total,
      ),
    );
  });

  it('a worker with no log kept (or other cards) answers no_log, so the panel reads the file again', async () => {
    const out: { type: string; code?: string }[] = [];
    await runJob(
      { type: 'reprice', account: { timeZone: 'UTC', currency: 'USD' }, cards: { kind: 'json', text: '{}' } },
      (m) => out.push(m as { type: string; code?: string }),
    );
    expect(out).toEqual([{ type: 'error', code: 'no_log', detail: '' }]);
  });

  it('round-trips in the share link and rejects damaged values', () => {
    const base = initialForm('2026-11', 'USD', ['MX'], 'en');
    const form = {
      ...base,
      log: {
        zone: 'America/Sao_Paulo',
        currency: 'BRL',
        businessCountry: 'BR',
        authFrom: '2026-01-01',
        authByCountry: { IN: '2026-11-03', ID: '2026-07-01' },
      },
    };
    const state = shareStateOf(derive(form, 'en').scenario!, form, 'en');
    expect(state.log).toEqual({
      zone: 'America/Sao_Paulo',
      currency: 'BRL',
      businessCountry: 'BR',
      authInternationalFrom: { IN: '2026-11-03', ID: '2026-07-01' },
    });
    const text = encodeScenario(state);
    expect(text).toContain('_zAmerica.Sao*Paulo_kBRL_gBR_aID2026-07-01.IN2026-11-03_');
    const back = decodeScenario(text);
    expect(back).toEqual({ ok: true, state });
    if (!back.ok) return;
    // Per country replaces the one date (the engine takes one or the other).
    expect(formFromShare(back.state, base, 'en').log).toEqual({ ...form.log, authFrom: '' });
    const one = decodeScenario('v1_a2026-01-01');
    expect(one.ok && one.state.log).toEqual({ authInternationalFrom: '2026-01-01' });
    for (const [bad, field] of [
      ['zNot.AZone', 'log.zone'],
      ['kXXX', 'log.currency'],
      ['gZZ', 'log.businessCountry'],
      ['a2026-02-30', 'log.authInternationalFrom'],
      ['aIN2026-01-01.IN2026-02-01', 'log.authInternationalFrom'],
      ['aZZ2026-01-01', 'log.authInternationalFrom'],
    ]) {
      expect(decodeScenario(`v1_${bad}`), bad).toEqual({ ok: false, code: 'invalid_field', field });
    }
    expect(decodeScenario('v1_kBRL_kUSD')).toEqual({ ok: false, code: 'malformed' });
  });

  it('in the widget: opened from a link with the settings, and an edit writes them back', async () => {
    history.replaceState(null, '', `${location.pathname}#tarifa=v1_cUSD_zUTC_kBRL_gBR_a2026-01-01`);
    const options = parseOptions({ lang: 'en' }, {}, () => undefined);
    render(<App options={options} store={bundledStore(bundledRateCards)} countries={COUNTRIES} now={NOW} />);
    const summary = screen.getByText('Your own data: price a message log or import rate cards');
    (summary.parentElement as HTMLDetailsElement).open = true;
    fireEvent(summary.parentElement!, new Event('toggle'));
    const settings = await screen.findByTestId('log-settings', {}, { timeout: 5000 });
    expect((within(settings).getByLabelText('Billing currency') as HTMLSelectElement).value).toBe('BRL');
    expect(
      (within(settings).getByLabelText('Business country for this log') as HTMLSelectElement).value,
    ).toBe('BR');
    expect(
      (
        within(settings).getByLabelText(
          'Authentication-international rates from (YYYY-MM-DD)',
        ) as HTMLInputElement
      ).value,
    ).toBe('2026-01-01');
    expect(
      (screen.getByLabelText('Time zone of your WhatsApp Business Account') as HTMLInputElement).value,
    ).toBe('UTC');
    fireEvent.change(within(settings).getByLabelText('Billing currency'), { target: { value: 'AED' } });
    await waitFor(() => expect(location.hash).toContain('_kAED_'));
    expect(location.hash).toContain('_zUTC_');
    expect(location.hash).toContain('_gBR_a2026-01-01_');
  });
});
