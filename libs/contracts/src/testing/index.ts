export { describeReservationContract, type ReservationSubject } from './reservation-contract';
