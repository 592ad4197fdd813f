import { Controller, Get, HttpException, HttpStatus, Logger, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { DomainError, ErrorCode } from '../common/domain-error';
import { StoreUnavailableError } from '../store/ports';
import { ExportService, parseCsvFile, parseExportOptions, parseFormat } from './export.service';

const FILE_NAME = 'evidence-graph';

/** One query parameter as text: absent, or given once (a repeated parameter is refused). */
function single(query: Record<string, unknown>, field: string): string | undefined {
  const value = query[field];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw DomainError.badInput(field, 'must be given once, as text');
  return value;
}

/** Error bodies are {error: {code, field?, message}}, never a stack trace. */
function httpError(err: unknown): HttpException | undefined {
  if (err instanceof DomainError) {
    const status =
      err.code === ErrorCode.BAD_USER_INPUT || err.code === ErrorCode.NOT_FOUND
        ? HttpStatus.BAD_REQUEST
        : HttpStatus.UNPROCESSABLE_ENTITY;
    return new HttpException(
      { error: { code: err.code, field: err.details.field, message: err.message } },
      status,
    );
  }
  if (err instanceof StoreUnavailableError) {
    return new HttpException(
      {
        error: {
          code: ErrorCode.SERVICE_UNAVAILABLE,
          message: 'The database is unavailable; try again shortly.',
        },
      },
      HttpStatus.SERVICE_UNAVAILABLE,
    );
  }
  return undefined;
}

/**
 * GET /export?format=graphml|json|csv&root=<id>&depth=<0..3>&types=CLAIM,STUDY&edgeTypes=SUPPORTS
 * &file=nodes|edges — the whole graph, or a node's neighbourhood, as a file for Gephi/Cytoscape.
 */
@Controller('export')
export class ExportController {
  private readonly logger = new Logger(ExportController.name);

  constructor(private readonly exporter: ExportService) {}

  @Get()
  async export(
    @Query() query: Record<string, unknown>,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string> {
    try {
      const format = parseFormat(single(query, 'format'));
      const file = parseCsvFile(single(query, 'file'));
      const options = parseExportOptions({
        root: single(query, 'root'),
        depth: single(query, 'depth'),
        types: single(query, 'types'),
        edgeTypes: single(query, 'edgeTypes'),
      });
      const graph = await this.exporter.collect(options);
      switch (format) {
        case 'graphml':
          res.setHeader('content-type', 'application/graphml+xml; charset=utf-8');
          res.setHeader('content-disposition', `attachment; filename="${FILE_NAME}.graphml"`);
          return this.exporter.graphml(graph, options);
        case 'json':
          res.setHeader('content-type', 'application/json; charset=utf-8');
          return this.exporter.json(graph);
        case 'csv':
          res.setHeader('content-type', 'text/csv; charset=utf-8');
          res.setHeader('content-disposition', `attachment; filename="${FILE_NAME}-${file}.csv"`);
          return this.exporter.csv(graph, file);
      }
    } catch (err) {
      const mapped = httpError(err);
      if (mapped) throw mapped;
      this.logger.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
      throw new HttpException(
        { error: { code: ErrorCode.INTERNAL_SERVER_ERROR, message: 'Internal server error' } },
        HttpStatus.INTERNAL_SERVER_ERROR,
      );
    }
  }
}
