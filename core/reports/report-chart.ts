import * as echarts from 'echarts';

type Series = 'bar' | 'line';

/** A chart as an SVG string, drawn on the server so a report (and its PDF) needs no script. */
function chartSvg(type: Series, title: string, labels: string[], values: number[], width: number, height: number): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({
      animation: false,
      title: { text: title, left: 'center', textStyle: { fontSize: 14 } },
      xAxis: { type: 'category', data: labels },
      yAxis: { type: 'value', minInterval: 1 },
      series: [{ type, data: values, label: { show: true, position: 'top' } }],
    });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

export function barChartSvg(title: string, labels: string[], values: number[], width = 640, height = 280): string {
  return chartSvg('bar', title, labels, values, width, height);
}

export function lineChartSvg(title: string, labels: string[], values: number[], width = 640, height = 240): string {
  return chartSvg('line', title, labels, values, width, height);
}
