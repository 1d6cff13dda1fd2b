export { Sku, SKU_PATTERN } from './sku';
export {
  ReleaseAnswer,
  ReleaseRequest,
  ReservationAnswer,
  ReserveRequest,
  StockLine,
  StockLines,
} from './reservations';
