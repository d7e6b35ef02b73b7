import{P as l}from"./index-D6ix277D.js";function n(a){return l.global.locale.value==="en"&&a.nameEn||a.nameZh||""}export{n as l};
