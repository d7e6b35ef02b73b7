const t=["city-department","district-department","utility-company","street-office"],e=["video","iot","hotline","wechat","app","open311"];export{e as a,t as d};
