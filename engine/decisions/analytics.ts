import { formatTier } from '../codes.ts';
import type { BillLine } from '../types.ts';

/**
 * A data point in the shape of Meta's own reports, so a bill can be held next to
 * WhatsApp Manager / the Graph API: `pricing_analytics` for per-message months
 * (R4, R5) and `conversation_analytics` for conversation-based months (R6).
 */
export type MetaDataPoint =
  | {
      readonly report: 'pricing_analytics';
      readonly month: string;
      readonly country: string;
      readonly pricing_type: 'REGULAR' | 'FREE_CUSTOMER_SERVICE' | 'FREE_ENTRY_POINT';
      readonly pricing_category:
        | 'MARKETING'
        | 'UTILITY'
        | 'AUTHENTICATION'
        | 'AUTHENTICATION_INTERNATIONAL'
        | 'SERVICE';
      /** Meta's notation `LOWER:UPPER`, as its reports print it; marketing shows `0:MAX`; free points have no tier (R5). */
      readonly tier: string | null;
      readonly volume: number;
      readonly cost: string | null;
    }
  | {
      readonly report: 'conversation_analytics';
      readonly month: string;
      readonly country: string;
      readonly conversation_type: 'REGULAR' | 'FREE_TIER' | 'FREE_ENTRY_POINT';
      readonly conversation_category: 'MARKETING' | 'UTILITY' | 'AUTHENTICATION' | 'SERVICE';
      readonly conversation_direction: 'BUSINESS_INITIATED' | 'USER_INITIATED';
      /** True for the authentication-international rate (Meta reports the category AUTHENTICATION). */
      readonly international: boolean;
      readonly conversation: number;
      readonly cost: string | null;
    };

/** Bill lines as Meta's analytics would list them (one point per line, same order). */
export function toMetaAnalytics(lines: readonly BillLine[]): MetaDataPoint[] {
  return lines.map((l): MetaDataPoint => {
    if (l.model === 'PMP') {
      return {
        report: 'pricing_analytics',
        month: l.month,
        country: l.country,
        pricing_type:
          l.pricingType === 'free_entry_point'
            ? 'FREE_ENTRY_POINT'
            : l.pricingType === 'regular'
              ? 'REGULAR'
              : 'FREE_CUSTOMER_SERVICE',
        pricing_category: l.category.toUpperCase() as 'MARKETING',
        tier:
          l.pricingType !== 'regular'
            ? null
            : l.category === 'marketing'
              ? '0:MAX'
              : l.tier && formatTier(l.tier),
        volume: l.count,
        cost: l.amount,
      };
    }
    const category =
      l.category === 'authentication_international' ? 'AUTHENTICATION' : l.category.toUpperCase();
    return {
      report: 'conversation_analytics',
      month: l.month,
      country: l.country,
      conversation_type:
        l.pricingType === 'free_entry_point'
          ? 'FREE_ENTRY_POINT'
          : l.pricingType === 'free_tier'
            ? 'FREE_TIER'
            : 'REGULAR',
      conversation_category: category as 'MARKETING',
      conversation_direction: l.category === 'service' ? 'USER_INITIATED' : 'BUSINESS_INITIATED',
      international: l.category === 'authentication_international',
      conversation: l.count,
      cost: l.amount,
    };
  });
}
