/**
 * Tarifa engine core (`tarifa/core`): the public API without rate-card data and without a
 * validator. Pure TypeScript, no DOM, no display text. Pricing functions take their cards from
 * `account.rateCards` (a checked set: one of the bundled data modules, or a host's set after
 * `parseRateCards` of `tarifa/validate`); `explainLine` and `marketOf` take the set as an argument.
 * The main entry (engine/index.ts, `tarifa`) is this API with the bundled cards as the default,
 * plus the importers. The widget imports this entry, so its first view holds no card it does not
 * show (see widget/README.md).
 */

export type { MetaDataPoint } from './analytics.ts';
export { toMetaAnalytics } from './analytics.ts';
export type {
  CategoryTotals,
  Comparison,
  ComparisonReason,
  ComparisonReasonCode,
  MonthDifference,
  MonthPrice,
  RateSide,
  ServiceRule,
} from './compare.ts';
export {
  BILL_CATEGORIES,
  comparableMonths,
  comparableMonthsOf,
  compareMonths,
  defaultComparisonMonths,
  LAST_CBP_MONTH,
} from './compare.ts';
export type { CardCatalog, CatalogCard } from './catalog.ts';
export {
  cardsInForce,
  catalogCard,
  catalogOf,
  currenciesInForce,
  firstCardMonth,
} from './catalog.ts';
export { TarifaInputError } from './errors.ts';
export type {
  AccountProblemCode,
  EventProblemCode,
  FeeProblemCode,
  FxProblemCode,
  InputProblem,
  InputProblemCode,
  ScenarioProblemCode,
} from './errors.ts';
export { formatTier, parseTier, warningDetailText } from './codes.ts';
export { estimate } from './estimate.ts';
export type { BasisKind, ExplainedSource, Explanation, ExplanationReason } from './explain.ts';
export { explainLine, regimeTimeline } from './explain.ts';
export type { Fee, FeeBreakdown, FeeLine, PartnerFeeKind, PartnerFees } from './fees.ts';
export { applyPartnerFees } from './applyFees.ts';
export {
  FEE_KEYS,
  MAX_LABEL_LENGTH,
  MAX_PERCENT,
  PERCENT_KEYS,
  parsePartnerFees,
} from './fees.ts';
export type { ConvertedEstimate, ConvertedLine, ExchangeRate } from './fx.ts';
export { convertEstimate } from './fx.ts';
export type { CsvFlaw, CsvOptions, CsvRecord, CsvRecordHandler } from './import/csv.ts';
export { CsvReader, readCsv } from './import/csv.ts';
export type {
  LogFormat,
  LogOptions,
  LogProblem,
  LogProgress,
  MessageLog,
  MetaCost,
  MetaPricing,
  TierUpdate,
} from './import/messageLog.ts';
export type {
  CardCellDiff,
  CardReplacement,
  ImportProblem,
  MetaFile,
  MetaFileKind,
  MetaFileSummary,
  MetaImport,
  MetaImportOptions,
  MetaTitle,
  TierBandSummary,
} from './import/metaRateCards.ts';
export { readMetaPricing } from './import/webhooks.ts';
export { isBsuid, marketOf } from './markets.ts';
export type { MarketInfo } from './markets.ts';
export { DEFAULT_OPTIONS } from './options.ts';
export type { PricerOptions, StreamingPricer } from './priceEvents.ts';
export { createPricer, DEFAULT_REORDER, DEFAULT_SWEEP_AFTER, priceEvents } from './priceEvents.ts';
export { withFormerMarketTiers } from './rateCards/formerMarketTiers.ts';
export type { CardBasis, CardSummary, CurrencyStatus, MonthRange } from './rateCards/status.ts';
export { cardBasis, cardStatus } from './rateCards/status.ts';
export type {
  CategoryCounts,
  Disagreement,
  OurSide,
  ReconcileCode,
  ReconcileOptions,
  Reconciliation,
  TierCode,
  TierComparison,
  TotalsRow,
  TotalsSide,
} from './reconcile.ts';
export { reconcile, reconcileTiers } from './reconcile.ts';
export { cardsFor, DIRECT_SEND_FROM, REGIMES, regimeAt, US_MARKETING_PAUSED_FROM } from './regimes.ts';
export type { Regime, RegimeId } from './regimes.ts';
export type { Subtotal, SubtotalField } from './subtotals.ts';
export { subtotals, sumAmounts } from './subtotals.ts';
export { nextMonth } from './time.ts';
export type {
  Account,
  Bill,
  BillCategory,
  BillLine,
  CardDerivation,
  Category,
  CellMissingReason,
  Charge,
  CountryVolume,
  Estimate,
  EstimateAssumptions,
  MessageEvent,
  MissingReason,
  PricingModel,
  PricingOptions,
  PricingType,
  Provenance,
  RateCard,
  RateCardSet,
  RateCategory,
  RateCell,
  RateMissingReason,
  Scenario,
  Tier,
  TieredColumn,
  TierMissingReason,
  UnverifiedRule,
  Waba,
  Warning,
  WarningCode,
  WarningDetails,
  WarningOf,
} from './types.ts';
export { applyDeliveryRate, recategoriseUtility, withFreeEntryPointWindow } from './whatIf.ts';
