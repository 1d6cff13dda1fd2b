/** The parts of an X-Ray segment or subsegment document that the tests read. */
export interface XRayDocument {
  id: string;
  name: string;
  trace_id?: string;
  parent_id?: string;
  namespace?: string;
  annotations?: Record<string, string | number | boolean>;
  fault?: boolean;
  cause?: { exceptions: Array<{ message: string; type?: string }> };
  aws?: { operation?: string; region?: string };
  in_progress?: boolean;
  end_time?: number;
  subsegments?: XRayDocument[];
}
