import{P as l}from"./index-DZzOsL_L.js";function n(a){return l.global.locale.value==="en"&&a.nameEn||a.nameZh||""}export{n as l};
