import type { Cycle } from '../../collector/index.js';
import type { Sink, SinkStat } from '../sink.js';
import { convertFresh, type ConvertOptions, type LparCounts } from './convert.js';
import type { DeliveryQueue } from './transport/index.js';

export interface CeilometerSinkOptions extends ConvertOptions {
  /** Delivers the samples; owns the publisher (AMQP, HTTP or file). */
  queue: DeliveryQueue;
  /** For the `publisher` label of the sink's metrics: amqp, http or file. */
  publisher: string;
  logger: { warn(fields: object, message: string): void };
  /** Stops the identity source's refreshes, if it has any. */
  stopDirectory?: () => void;
}

/**
 * The Ceilometer sink: each cycle's fresh readings become signed meter samples, once, and go to a
 * bounded delivery queue; publish never waits on the broker. Samples Ceilometer would reject never
 * leave: each is logged with its LPAR and meter, and counted.
 */
export class CeilometerSink implements Sink {
  readonly name = 'ceilometer';
  private invalid = 0;
  private lpars: LparCounts = { mapped: 0, unmappedSent: 0, unmappedSkipped: 0 };

  constructor(private readonly options: CeilometerSinkOptions) {}

  publish(cycle: Cycle): void {
    if (cycle.fresh.length === 0) return;
    const conversion = convertFresh(cycle.fresh, this.options);
    for (const rejected of conversion.rejected) {
      this.options.logger.warn(
        { lpar: rejected.lpar, meter: rejected.meter, reason: rejected.reason },
        'Ceilometer sample not sent: Ceilometer would reject it',
      );
    }
    this.invalid += conversion.rejected.length;
    this.lpars = conversion.lpars;
    this.options.queue.enqueue(conversion.samples);
  }

  stats(): SinkStat[] {
    const { publisher } = this.options;
    const delivery = this.options.queue.stats();
    return [
      { metric: 'ceilometerPublished', labels: { publisher }, value: delivery.published },
      { metric: 'ceilometerBatches', labels: { publisher, outcome: 'ok' }, value: delivery.batches },
      { metric: 'ceilometerBatches', labels: { publisher, outcome: 'failed' }, value: delivery.failures },
      { metric: 'ceilometerQueue', labels: { publisher }, value: delivery.depth },
      ...Object.entries(delivery.dropped).map(([reason, value]): SinkStat => ({
        metric: 'ceilometerDropped',
        labels: { publisher, reason },
        value,
      })),
      { metric: 'ceilometerDropped', labels: { publisher, reason: 'invalid' }, value: this.invalid },
      { metric: 'ceilometerLpars', labels: { mapping: 'mapped' }, value: this.lpars.mapped },
      { metric: 'ceilometerLpars', labels: { mapping: 'unmapped_sent' }, value: this.lpars.unmappedSent },
      {
        metric: 'ceilometerLpars',
        labels: { mapping: 'unmapped_skipped' },
        value: this.lpars.unmappedSkipped,
      },
    ];
  }

  async shutdown(): Promise<void> {
    this.options.stopDirectory?.();
    await this.options.queue.close();
  }
}
