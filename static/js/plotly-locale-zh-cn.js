// Plotly's interface in simplified Chinese, for the charts on Chinese pages (our own wording;
// registered before any chart is drawn, selected with config.locale = "zh-CN").
(function () {
  "use strict";
  if (!window.Plotly) { return; }
  window.Plotly.register({
    moduleType: "locale",
    name: "zh-CN",
    dictionary: {
      "Autoscale": "自动缩放",
      "Box Select": "框选",
      "Double-click to zoom back out": "双击恢复原来大小",
      "Download plot": "下载图表",
      "Download plot as a png": "将图表下载为 PNG 图片",
      "Lasso Select": "套索选择",
      "Pan": "平移",
      "Produced with Plotly.js": "由 Plotly.js 生成",
      "Reset axes": "重置坐标轴",
      "Reset view": "重置视图",
      "Toggle Spike Lines": "显示或隐藏辅助线",
      "Zoom": "缩放",
      "Zoom in": "放大",
      "Zoom out": "缩小"
    },
    format: {
      days: ["星期日", "星期一", "星期二", "星期三", "星期四", "星期五", "星期六"],
      shortDays: ["周日", "周一", "周二", "周三", "周四", "周五", "周六"],
      months: ["一月", "二月", "三月", "四月", "五月", "六月", "七月", "八月", "九月", "十月", "十一月", "十二月"],
      shortMonths: ["1月", "2月", "3月", "4月", "5月", "6月", "7月", "8月", "9月", "10月", "11月", "12月"],
      date: "%Y-%m-%d",
      decimal: ".",
      thousands: ","
    }
  });
})();
