import{H as l}from"./index-Cdq5jcnu.js";function n(a){return l.global.locale.value==="en"&&a.nameEn||a.nameZh||""}export{n as l};
