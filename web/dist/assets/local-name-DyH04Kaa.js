import{Q as l}from"./index-s_3bUoZf.js";function n(a){return l.global.locale.value==="en"&&a.nameEn||a.nameZh||""}export{n as l};
