/** The user functions of the chained-pipeline benchmark, shared by the job and the hand-written loop. */
export interface Order {
  id: number;
  customer: number;
  amount: number;
}

export const generateRecord = (i: number): Order => ({ id: i, customer: i % 1000, amount: (i * 7) % 100 });
export const mapRecord = (o: Order): Order => ({ id: o.id, customer: o.customer, amount: o.amount * 2 + 1 });
export const filterRecord = (o: Order): boolean => o.amount % 3 !== 0;
