import{aP as l}from"./index-CZv4XSzX.js";function n(a){return l.global.locale.value==="en"&&a.nameEn||a.nameZh||""}export{n as l};
