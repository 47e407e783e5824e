// The report: ranked findings plus the evidence the charts draw. Plain JSON.
import type { Finding } from '../findings.js';
import type { BatchTrace, GradientFlow, LengthStats, LossHistory } from '../evidence.js';

export interface CoverageChartData {
  totalSamples: number;
  epochs: { epoch: number; seen: number; neverSeen: number; duplicated: number }[];
}

export interface ChartData {
  history?: LossHistory;
  trace?: BatchTrace;
  gradientFlow?: GradientFlow;
  lengths?: LengthStats;
  coverage?: CoverageChartData;
}

export interface DiagnosisReport {
  /** Format version of this JSON. */
  version: 1;
  findings: Finding[];
  summary: { errors: number; warnings: number; infos: number };
  /** Checks that could not run and why (missing evidence), so silence is never mistaken for health. */
  skipped: { check: string; reason: string }[];
  charts: ChartData;
}
