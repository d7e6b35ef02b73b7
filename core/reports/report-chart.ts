import * as echarts from 'echarts';

/** A bar chart as an SVG string, drawn on the server so a report (and its PDF) needs no script. */
export function barChartSvg(title: string, labels: string[], values: number[], width = 640, height = 280): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({
      animation: false,
      title: { text: title, left: 'center', textStyle: { fontSize: 14 } },
      xAxis: { type: 'category', data: labels },
      yAxis: { type: 'value', minInterval: 1 },
      series: [{ type: 'bar', data: values, label: { show: true, position: 'top' } }],
    });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}
