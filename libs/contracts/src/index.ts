export { Sku, SKU_PATTERN } from './sku';
export {
  OrderId,
  ReleaseAnswer,
  ReleaseRequest,
  ReservationAnswer,
  ReserveRequest,
  StockLine,
  StockLines,
} from './reservations';
