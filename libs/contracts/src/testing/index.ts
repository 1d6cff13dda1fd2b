export { describeReservationContract } from './reservation-contract';
