/**
 * The bundled card catalog (`tarifa/cards/catalog`): every bundled card's id, currency, dates,
 * model, derivation and source ids, without figures (catalog.json, written by
 * scripts/card-modules.ts). engine/cards/catalog.ts answers the date questions from it.
 */
import type { CardCatalog } from '../cards/catalog.ts';
import catalog from './catalog.json' with { type: 'json' };

export const bundledCatalog: CardCatalog = catalog as CardCatalog;
