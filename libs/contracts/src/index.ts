export { Sku, SKU_PATTERN } from './sku';
export {
  ReleaseAnswer,
  ReleaseRequest,
  ReservationAnswer,
  RESERVATION_SCOPES,
  ReserveRequest,
  StockLine,
  StockLines,
} from './reservations';
export {
  confirmHoldEntry,
  holdKey,
  holdPartition,
  type HoldStatus,
  OPEN_HOLD,
  OPEN_HOLDS_INDEX,
  reopenHoldEntry,
} from './holds';
