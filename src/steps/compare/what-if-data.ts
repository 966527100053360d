/**
 * What the report embeds for its what-if controls (`report-page.ts` writes it, the page script
 * `report-app/what-if.ts` reads it): the decision's evidence as plain data and the settings
 * the report was written with. No Node.js import (the page script is bundled from it).
 */
import type { Language } from '../../core/i18n/state';
import type { DecisionInput, DecisionSettings } from './decide';

export interface WhatIfData {
  /**
   * The page's language: the page script speaks it (`setLanguage`) before it takes the
   * decision again, so its sentences and numbers are those notebook 05 wrote in this language.
   */
  language: Language;
  input: DecisionInput;
  /** The settings the report was written with (workshop.config.json → compare, or notebook 05's settings cell). */
  configured: DecisionSettings;
  /** What those settings recommend (the deployment-options table is about it). */
  configuredRecommended: string | null;
  /** The charts' subtitle (the backend's label), for the cost-vs-quality chart drawn again. */
  subtitle: string;
}

/** The id of the `<script type="application/json">` element holding the data. */
export const WHAT_IF_DATA_ID = 'what-if-data';
