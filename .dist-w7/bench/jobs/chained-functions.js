export const generateRecord = (i) => ({ id: i, customer: i % 1000, amount: (i * 7) % 100 });
export const mapRecord = (o) => ({ id: o.id, customer: o.customer, amount: o.amount * 2 + 1 });
export const filterRecord = (o) => o.amount % 3 !== 0;
//# sourceMappingURL=chained-functions.js.map