import{aL as l}from"./index-BBjlV8Yr.js";function n(a){return l.global.locale.value==="en"&&a.nameEn||a.nameZh||""}export{n as l};
