import * as echarts from "echarts";
const chart = echarts.init(null, null, { renderer: "svg", ssr: true, width: 960, height: 150 });
chart.setOption({ animation: false, textStyle: { fontFamily: "sans-serif" },
  grid: { left: 224, right: 56, top: 8, bottom: 28 },
  xAxis: { type: "value", min: 0, max: 100 },
  yAxis: { type: "category", inverse: true, data: ["开办餐饮店“一件事”\n瓶颈：河北省住房和城乡建设厅"], axisLabel: { align: "left", margin: 216, width: 208, overflow: "truncate", lineHeight: 16 } },
  series: [{ type: "bar", data: [100] }] });
const svg = chart.renderToSVGString();
console.log(svg.match(/<text[^>]*>[^<]*瓶颈[^<]*<\/text>|<text[^>]*>[^<]*餐饮[^<]*<\/text>/g));
