import{aO as l}from"./index-CuHNyNz_.js";function n(a){return l.global.locale.value==="en"&&a.nameEn||a.nameZh||""}export{n as l};
