/** The user functions of the chained-pipeline benchmark, shared by the job and the hand-written loop. */
export interface Order {
    id: number;
    customer: number;
    amount: number;
}
export declare const generateRecord: (i: number) => Order;
export declare const mapRecord: (o: Order) => Order;
export declare const filterRecord: (o: Order) => boolean;
