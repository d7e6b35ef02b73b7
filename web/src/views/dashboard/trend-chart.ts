// Only the chart kinds and components the dashboard draws, so the rest of ECharts stays out of the bundle.
import { init, use, type ComposeOption, type ECharts } from 'echarts/core';
import { LineChart, type LineSeriesOption } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, type GridComponentOption, type LegendComponentOption, type TooltipComponentOption } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { dailySteps, type DayFigures } from './dashboard-api.ts';

use([LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

type TrendOption = ComposeOption<LineSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption>;

const colours: Record<(typeof dailySteps)[number], string> = {
  reported: '#3f74c6',
  registered: '#8e5cc4',
  dispatched: '#d9822b',
  closed: '#2e9e5b',
};

export function createTrendChart(element: HTMLElement): ECharts {
  return init(element, undefined, { renderer: 'canvas' });
}

/** One line per step of the closed loop over the days; `label` names a step in the UI language. */
export function trendOption(days: DayFigures[], label: (step: string) => string): TrendOption {
  return {
    grid: { left: 40, right: 16, top: 36, bottom: 28 },
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    xAxis: { type: 'category', data: days.map((day) => day.date.slice(5)), boundaryGap: false },
    yAxis: { type: 'value', minInterval: 1 },
    series: dailySteps.map((step) => ({
      type: 'line',
      name: label(step),
      data: days.map((day) => day[step]),
      symbolSize: 4,
      itemStyle: { color: colours[step] },
    })),
  };
}
