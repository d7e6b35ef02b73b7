import{aL as l}from"./index-D1GOnqmf.js";function n(a){return l.global.locale.value==="en"&&a.nameEn||a.nameZh||""}export{n as l};
