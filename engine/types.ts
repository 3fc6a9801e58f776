/**
 * Public types of the Tarifa engine. Money is always an exact decimal string
 * (no exponent); counts are integers. Nothing here is display text: every
 * reason is a code that the widget translates.
 */

import type { RegimeId } from './pricing/regimes.ts';

export type Category = 'marketing' | 'utility' | 'authentication';

/** A rate-card column. `authentication_international` and `service` are Meta's own column names. */
export type RateCategory = Category | 'authentication_international' | 'service';

export type PricingModel = 'CBP' | 'PMP';

export type PricingType = 'regular' | 'free_tier' | 'free_customer_service' | 'free_entry_point';

export type MessageEvent = {
  /** ISO-8601 instant with `Z` or an offset; outbound: the delivery time. */
  readonly at: string;
  /** `inbound` = user to business. */
  readonly direction: 'inbound' | 'outbound';
  /**
   * The user: a number in E.164 (`+5511…`), or a business-scoped user ID when Meta gives no number
   * (`US.13491208655302741918`; parent IDs `US.ENT.…`). Decides the market: the number's calling
   * code, else the ID's country. Events of one person must name them the same way (the webhook
   * reader joins a person's number and IDs through Meta's `contacts[]`).
   */
  readonly user: string;
  /**
   * `free_form` = any non-template message (text, media, interactive). `call` (inbound only) = a
   * call that opens the customer-service window: the user called, or accepted the business's call.
   */
  readonly kind: 'template' | 'free_form' | 'call';
  /**
   * Required for templates: the category the template had when it was sent. On an outbound
   * `free_form` message, `utility` or `authentication` marks a Direct Send message (priced as a
   * template of that category, from `DIRECT_SEND_FROM`); never `marketing`.
   */
  readonly category?: Category;
  /** Inbound only: the user arrived through a free entry point. */
  readonly entryPoint?: 'ctwa_ad' | 'page_cta';
  /** Business phone number id; default `'default'`. */
  readonly businessNumber?: string;
  /** Outbound only; default `'delivered'`. `read` implies delivery (Meta may skip `delivered`). */
  readonly status?: 'delivered' | 'read' | 'failed';
  /**
   * WhatsApp Business Account of the business number, a key of `account.wabas`. Required when
   * the account lists more than one WABA; otherwise defaults to the only one.
   */
  readonly waba?: string;
  /**
   * A group chat (Meta's group id; Groups API, PMP only). Outbound: one delivery to `user`, a
   * participant reached (a group send is one event per participant, each priced at that
   * participant's market, J1). Inbound: `user` wrote in the group, which opens the group's
   * customer-service window, not a 1:1 window (J2). Group utility has no volume tiers (F11).
   */
  readonly group?: string;
};

/**
 * Readings of rules Meta's sources disagree on or leave open. Every option has a
 * documented default (see `DEFAULT_OPTIONS` and docs/rules.md).
 */
export type PricingOptions = {
  /**
   * Free-entry-point window for windows opened from 2026-09-28, when notes citing
   * Meta's page report "up to 7 days" while Meta's July 2026 page says 72 h (spec §4 Q1).
   * Default `'72h'`.
   */
  readonly freeEntryPointWindowFromSep2026: '72h' | '7d';
  /** Scope of the 1,000 free service messages from 2026-10-01 (spec §4 Q2). Default `'phone_number'`. */
  readonly serviceAllowanceScope: 'phone_number' | 'account';
  /** Whether CBP conversations are shared by all numbers of an account (spec §4 Q9). Default `'phone_number'`. */
  readonly conversationScope: 'phone_number' | 'account';
  /** Whether a new entry-point message restarts an open free-entry-point window (spec §4 Q16). Default `false`. */
  readonly entryPointRestartsOpenWindow: boolean;
  /**
   * A Direct Send utility message inside an open customer-service window while in-window utility
   * templates are free (until 2026-09-30): `'as_template'` (free, like the template Meta generates
   * for it) or `'charged'`. Meta is silent; default `'as_template'`.
   */
  readonly directSendInWindowUtility: 'as_template' | 'charged';
  /**
   * Service messages of government and non-profit businesses are free where Meta charges service
   * (secondary sources only). Default `false`.
   */
  readonly paidServiceExempt: boolean;
};

/** One WhatsApp Business Account of a business portfolio. */
export type Waba = {
  /** IANA zone of this WABA; default the account's `timeZone`. */
  readonly timeZone?: string;
};

export type Account = {
  /** IANA zone of the WhatsApp Business Account; default `'UTC'`. */
  readonly timeZone?: string;
  /** ISO 4217; default `'USD'`. */
  readonly currency?: string;
  /** ISO 3166 alpha-2 of the primary business location. */
  readonly businessCountry?: string;
  /**
   * ISO date (or instant) the authentication-international rate starts; absent = never. Or a map
   * from market name or ISO country (the country wins) to its own start; a recipient whose
   * country and market are both absent from the map is never priced international.
   */
  readonly authInternationalFrom?: string | Readonly<Record<string, string>>;
  /** Replaces the bundled cards. */
  readonly rateCards?: RateCardSet;
  readonly options?: Partial<PricingOptions>;
  /**
   * The WABAs of a business portfolio, by id (events name theirs in `waba`). Volume tiers are
   * counted across all of them; absent = one WABA in `timeZone`.
   */
  readonly wabas?: Readonly<Record<string, Waba>>;
};

export type BillCategory = Category | 'authentication_international' | 'service';

/**
 * A volume-tier band of a line: inclusive bounds as Meta prints them (first band: 0); `to` null =
 * open-ended (Meta's `MAX`). Meta's notation `LOWER:UPPER` is `formatTier` / `parseTier`.
 */
export type Tier = { readonly from: number; readonly to: number | null };

/** The tiered columns of a card. */
export type TieredColumn = 'utility' | 'authentication' | 'authentication_international';

/**
 * Why a card cell has no figure (`{ "missing": … }`): no source gives it, the sources disagree, or
 * `other`: a host card's own reason, which the engine does not know.
 */
export type CellMissingReason = 'not-found' | 'conflict' | 'other';

/** Why a list rate is missing: the cell's reason, the market absent from the card, or n/a on the card. */
export type RateMissingReason = CellMissingReason | 'market-not-on-card' | 'not-applicable';

/** Why a volume-tier band's rate is missing (the band's cell, or n/a). */
export type TierMissingReason = CellMissingReason | 'not-applicable';

/** Why a line's rate is missing (`BillLine.missing`). */
export type MissingReason = RateMissingReason | 'no-card' | `tier-${TierMissingReason}`;

/** Rules applied without Meta's own confirmation (`unverified_rule`): the regime's field. */
export type UnverifiedRule = 'service.freeAllowance';

/**
 * The machine-readable detail of each warning code: market, category, card id, counts… never a
 * sentence for display. `warningDetailText` writes it as one `a/b/c` string (the CLI's table).
 */
export type WarningDetails = {
  /** A list rate is missing from the card. */
  readonly rate_missing: {
    readonly card: string;
    readonly market: string;
    readonly column: RateCategory;
    readonly reason: RateMissingReason;
  };
  /** A volume-tier band's rate is missing. */
  readonly tier_rate_missing: {
    readonly card: string;
    readonly market: string;
    readonly column: TieredColumn;
    readonly tier: Tier;
    readonly reason: TierMissingReason;
  };
  /** The card has no tier table for the column: priced at the list rate. `reason`: the card's `tiersUnknown` code. */
  readonly tiers_unknown: {
    readonly card: string;
    readonly market: string;
    readonly column: TieredColumn;
    readonly reason?: string;
  };
  /** The tier table is carried from another date's table. */
  readonly tiers_carried: { readonly card: string; readonly market: string; readonly column: TieredColumn };
  /** The rate is carried from another date's card (`basis`: the cell's provenance basis). */
  readonly rate_carried: {
    readonly card: string;
    readonly market: string;
    readonly column: RateCategory;
    readonly basis: string;
  };
  readonly market_ambiguous: { readonly country: string; readonly market: string };
  readonly no_card: { readonly currency: string; readonly month: string; readonly model: PricingModel };
  readonly after_reviewed_period: { readonly month: string };
  /** Events counted. */
  readonly free_form_outside_window: { readonly count: number };
  readonly unverified_rule: { readonly regime: RegimeId; readonly rule: UnverifiedRule };
  /** Events counted. */
  readonly before_supported_period: { readonly count: number };
  /** Messages counted. */
  readonly us_marketing_undeliverable: { readonly count: number };
  /** `from`: the date (`YYYY-MM-DD`) Meta requires `currency` for the country. */
  readonly account_currency_required: {
    readonly country: string;
    readonly currency: string;
    readonly from: string;
  };
  /** Templates that could not be placed in a free-entry-point window. */
  readonly entry_point_without_conversations: { readonly country: string; readonly count: number };
};

export type WarningCode = keyof WarningDetails;

/** A warning: a code and its detail, typed by the code. */
export type Warning = {
  [C in WarningCode]: { readonly code: C; readonly detail: WarningDetails[C] };
}[WarningCode];

/** The warning of one code. */
export type WarningOf<C extends WarningCode> = Extract<Warning, { readonly code: C }>;

export type BillLine = {
  /** `YYYY-MM` in the account's time zone. */
  readonly month: string;
  readonly model: PricingModel;
  /** ISO alpha-2 of the recipient (`'ZZ'` when the number maps to no country). */
  readonly country: string;
  /** Rate-card market, e.g. `'Rest of Latin America'`. */
  readonly market: string;
  readonly category: BillCategory;
  readonly pricingType: PricingType;
  /** The volume-tier band (`{ from, to }`, inclusive; `to` null = open); null if untiered. */
  readonly tier: Tier | null;
  /** Conversations (CBP) or messages (PMP). */
  readonly count: number;
  /** Exact decimal per unit; null when the figure is missing from the card (see `missing`). */
  readonly rate: string | null;
  /** Exact `count × rate`; null when the rate is missing. */
  readonly amount: string | null;
  /** Id of the rate card that priced the line. */
  readonly card: string | null;
  /** Why the rate is missing (`not-found`, `conflict`, `no-card`, `tier-not-found`…). */
  readonly missing?: MissingReason;
  /** The WABA of the line, only when the account lists more than one. */
  readonly waba?: string;
};

export type Charge = {
  readonly billable: boolean;
  /** null for inbound events and failed messages. */
  readonly pricingType: PricingType | null;
  readonly category: BillCategory | null;
  readonly model: PricingModel | null;
  /** CBP: the conversation the message opened or rode on. */
  readonly conversationId?: string;
  /** Exact decimal; null when the rate is missing. */
  readonly amount: string | null;
  readonly tier?: Tier | null;
  readonly country?: string;
  readonly market?: string;
};

export type Bill = {
  readonly currency: string;
  /**
   * Exact decimal string, no exponent: the sum of every line whose rate is known. `null` when a
   * line is missing because its month has no card in the currency (`missing: 'no-card'`, a
   * `no_card` warning): no figure, not even a lower bound, is given for such a bill, never `'0'`.
   */
  readonly total: string | null;
  /** True when some line lacks a rate: `total` is then a lower bound (or null, see `total`). */
  readonly incomplete: boolean;
  readonly lines: readonly BillLine[];
  /** `charges[i]` explains `events[i]` (input order, not sorted order). */
  readonly charges: readonly Charge[];
  readonly warnings: readonly Warning[];
  /**
   * Present and true when some month is later than the figures were reviewed
   * (`reviewedThrough`): it is priced with the newest card, a projection.
   */
  readonly projected?: boolean;
  /** With `projected`: the card the projected months were priced with (null if none). */
  readonly projectedWith?: string | null;
};

// ---------------------------------------------------------------------------
// Rate cards: our own JSON format (documented in docs/rate-card-format.md).
// ---------------------------------------------------------------------------

/** A cell: a decimal string (the rate), `null` (Meta prints n/a: does not apply), or a missing figure. */
export type RateCell = string | null | { readonly missing: string };

export type Provenance = {
  /** `meta-file`, `direct`, `direct+xcheck`, `direct-single`, `carried`, `carried-back`, `derived`, `rule`… */
  readonly basis: string;
  readonly sources: readonly string[];
  readonly note?: string;
  /** `derived` cells of a local-currency card: the ratio (local units per USD) applied to the USD cell. */
  readonly ratio?: string;
  /** `derived` cells: the known cells (`Market/column`) the ratio was inferred from. */
  readonly from?: readonly string[];
};

/** A local-currency card reconstructed from the USD card (see docs/rate-card-format.md § Derived cards). */
export type CardDerivation = {
  /** Id of the USD card converted. */
  readonly from: string;
  /** Local units per USD, the one ratio of the card. */
  readonly ratio: string;
  /** Every known cell (`Market/column`) that fixes the ratio; these cells are kept as printed. */
  readonly known: readonly string[];
  /**
   * Largest difference (local units) from Meta's own figure for a cell converted from a USD figure
   * that Meta itself rounded; a cell whose USD figure is exact is Meta's figure.
   */
  readonly tolerance?: string;
};

export type TierBand = {
  /** Inclusive lower bound as Meta prints it (first band: 0). */
  readonly from: number;
  /** Inclusive upper bound; null = open-ended (`--`). */
  readonly to: number | null;
  /** Band rate; band 1 equals the list rate. Missing when the source did not give it. */
  readonly rate: RateCell;
};

export type TierTable = {
  readonly bands: readonly TierBand[];
  readonly provenance: Provenance;
};

export type RateCard = {
  /** e.g. `pmp-2026-10-01-USD`. */
  readonly id: string;
  readonly model: PricingModel;
  readonly currency: string;
  /** First day in force, `YYYY-MM-DD`, 00:00 in the account's time zone. */
  readonly effectiveFrom: string;
  /** Last day in force (inclusive); null = still in force. */
  readonly effectiveTo: string | null;
  readonly sources: readonly string[];
  /** market → column → cell. */
  readonly rates: Readonly<Record<string, Partial<Record<RateCategory, RateCell>>>>;
  /** `Market/column` → provenance of that cell, where it differs from the card's sources. */
  readonly provenance?: Readonly<Record<string, Provenance>>;
  /** market → `utility` | `authentication` | `authentication_international` → bands. */
  readonly tiers?: Readonly<
    Record<string, Partial<Record<'utility' | 'authentication' | 'authentication_international', TierTable>>>
  >;
  readonly notes?: string;
  /** Present on a card that is Meta's conversion reconstructed from known figures, never Meta's file. */
  readonly derived?: CardDerivation;
  /** market → why its tier thresholds are unknown (a code), where the card has no ladder for it. */
  readonly tiersUnknown?: Readonly<Record<string, string>>;
};

/** Where a country's number is routed to a rate market, over time. */
export type MarketPeriod = {
  readonly market: string;
  readonly from: string;
  /** Inclusive last day; null = open. */
  readonly to: string | null;
  readonly sources: readonly string[];
  /** `ambiguous` when the sources leave the mapping uncertain. */
  readonly confidence?: 'ambiguous';
  readonly note?: string;
};

export type CountryEntry = {
  readonly iso2: string;
  /** Country calling code digits, e.g. `'55'`. */
  readonly callingCode: string;
  /**
   * National-number prefixes that identify this country inside a shared calling code
   * (NANP area codes `['809','829','849']`; Kazakhstan `['6','7']`). Empty = the whole code.
   */
  readonly prefixes: readonly string[];
  /** Market membership periods; a country with none maps to the default market. */
  readonly markets: readonly MarketPeriod[];
};

export type MarketMapping = {
  /** Market for every number not listed (Meta: "Other"). */
  readonly defaultMarket: string;
  readonly countries: readonly CountryEntry[];
};

export type Source = { readonly id: string; readonly locator: string; readonly provides?: string };

export type RateCardSet = {
  readonly formatVersion: 1;
  /** Date the figures were last reviewed; later months are flagged `after_reviewed_period`. */
  readonly reviewedThrough: string;
  readonly cards: readonly RateCard[];
  readonly markets: MarketMapping;
  readonly sources: Readonly<Record<string, Source>>;
};

// ---------------------------------------------------------------------------
// estimate(): the same bill from monthly volumes (what a visitor types).
// ---------------------------------------------------------------------------

export type CountryVolume = {
  /** ISO alpha-2 of the recipients. */
  readonly country: string;
  /** Delivered templates per month, by category. */
  readonly marketing?: number;
  readonly utility?: number;
  readonly authentication?: number;
  /** Customer conversations per month (a user writes, the business answers). */
  readonly conversations?: number;
  /** Non-template business replies per customer conversation (PMP service messages). */
  readonly repliesPerConversation?: number;
  /**
   * The WABA (a key of `account.wabas`) whose numbers send this traffic: a portfolio's volumes
   * split by WABA. Then a country may appear once per WABA, every row names its WABA when the
   * account lists several (`missing_waba`, `unknown_waba`), tiers stay pooled across them, CBP's
   * free tier (and the `account`-scope allowance) is each WABA's own, an instant in
   * `authInternationalFrom` is read in each WABA's zone, and lines carry `waba` when the account
   * lists several. Absent on every row: the volumes are the whole portfolio's.
   */
  readonly waba?: string;
};

export type EstimateAssumptions = {
  /** Share (0–1) of each country's traffic sent inside free-entry-point windows. Default 0. */
  readonly entryPointShare?: number;
  /** Share (0–1) of utility templates (outside free-entry-point windows) sent inside an open customer-service window. Default 0. */
  readonly utilityInWindowShare?: number;
  /**
   * Share (0–1) of a country's authentication templates priced at the international rate when
   * the account is eligible (`businessCountry` set and different, market has the rate). These
   * messages come after the domestic ones in the month (the start time falls mid-month). Default 0.
   */
  readonly authInternationalShare?: number;
  /** Business phone numbers sending service replies (each has its own 1,000 free from Oct 2026). Default 1. */
  readonly phoneNumbers?: number;
  /** CBP months: templates of one category a user receives within one 24-hour conversation. Default 1. */
  readonly templatesPerConversation?: number;
};

export type Scenario = {
  /** Billing month `YYYY-MM` in the account's time zone. */
  readonly month: string;
  readonly countries: readonly CountryVolume[];
  readonly assumptions?: EstimateAssumptions;
};

export type Estimate = Omit<Bill, 'charges'> & {
  readonly month: string;
  readonly model: PricingModel;
  /** The regime in force that month (`CBP`, `CBP_FREE_SERVICE`, `PMP`, `PMP_PAID_SERVICE`). */
  readonly regime: RegimeId;
  /** Card ids used. */
  readonly cards: readonly string[];
};
