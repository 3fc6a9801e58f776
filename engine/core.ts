/**
 * Tarifa engine core (`tarifa/core`): the public API without rate-card data and without a
 * validator. Pure TypeScript, no DOM, no display text. Pricing functions take their cards from
 * `account.rateCards` (a checked set: one of the bundled data modules, or a host's set after
 * `parseRateCards` of `tarifa/validate`); `explainLine` and `marketOf` take the set as an argument.
 * The main entry (engine/index.ts, `tarifa`) is this API with the bundled cards as the default,
 * plus the importers. The widget imports this entry, so its first view holds no card it does not
 * show (see widget/README.md).
 */

export type { MetaDataPoint } from './decisions/analytics.ts';
export { toMetaAnalytics } from './decisions/analytics.ts';
export type {
  CategoryTotals,
  Comparison,
  ComparisonReason,
  ComparisonReasonCode,
  MonthDifference,
  MonthPrice,
  RateSide,
  ServiceRule,
} from './decisions/compare.ts';
export {
  BILL_CATEGORIES,
  comparableMonths,
  comparableMonthsOf,
  compareMonths,
  defaultComparisonMonths,
  LAST_CBP_MONTH,
} from './decisions/compare.ts';
export type { CardCatalog, CatalogCard } from './cards/catalog.ts';
export {
  cardsInForce,
  catalogCard,
  catalogOf,
  currenciesInForce,
  firstCardMonth,
} from './cards/catalog.ts';
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
export { estimate } from './pricing/estimate.ts';
export type { BasisKind, ExplainedSource, Explanation, ExplanationReason } from './decisions/explain.ts';
export { explainLine, regimeTimeline } from './decisions/explain.ts';
export type { Fee, FeeBreakdown, FeeLine, PartnerFeeKind, PartnerFees } from './decisions/fees.ts';
export { applyPartnerFees } from './decisions/applyFees.ts';
export {
  FEE_KEYS,
  MAX_LABEL_LENGTH,
  MAX_PERCENT,
  PERCENT_KEYS,
  parsePartnerFees,
} from './decisions/fees.ts';
export type { ConvertedEstimate, ConvertedLine, ExchangeRate } from './decisions/fx.ts';
export { convertEstimate } from './decisions/fx.ts';
export type { CsvFlaw, CsvOptions, CsvRecord, CsvRecordHandler } from './import/csv.ts';
export { CsvReader, readCsv } from './import/csv.ts';
export type {
  LogFormat,
  LogOptions,
  LogProblem,
  LogProblemCode,
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
export { isBsuid, marketOf } from './pricing/markets.ts';
export type { MarketInfo } from './pricing/markets.ts';
export { DEFAULT_OPTIONS } from './pricing/options.ts';
export type { PricerOptions, StreamingPricer } from './pricing/priceEvents.ts';
export { createPricer, DEFAULT_REORDER, DEFAULT_SWEEP_AFTER, priceEvents } from './pricing/priceEvents.ts';
export { withFormerMarketTiers } from './cards/formerMarketTiers.ts';
export type { CardBasis, CardSummary, CurrencyStatus, MonthRange } from './cards/status.ts';
export { cardBasis, cardStatus } from './cards/status.ts';
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
} from './decisions/reconcile.ts';
export { reconcile, reconcileTiers } from './decisions/reconcile.ts';
export {
  cardsFor,
  DIRECT_SEND_FROM,
  REGIMES,
  regimeAt,
  US_MARKETING_PAUSED_FROM,
} from './pricing/regimes.ts';
export type { Regime, RegimeId } from './pricing/regimes.ts';
export type { Subtotal, SubtotalField } from './pricing/subtotals.ts';
export { subtotals, sumAmounts } from './pricing/subtotals.ts';
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
export { applyDeliveryRate, recategoriseUtility, withFreeEntryPointWindow } from './decisions/whatIf.ts';
