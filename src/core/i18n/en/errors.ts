/**
 * Every WorkshopError's problem and fix (outside the local endpoint, which speaks like Bedrock) (English),
 * one sub-file per module under `./errors/`. The pt-BR catalogue has the same keys (`../pt-BR/errors.ts`).
 */
import { bedrock } from './errors/bedrock';
import { cli } from './errors/cli';
import { config } from './errors/config';
import { data } from './errors/data';
import { dataset } from './errors/dataset';
import { files } from './errors/files';
import { jobs } from './errors/jobs';
import { judge } from './errors/judge';
import { runs } from './errors/runs';
import { stats } from './errors/stats';
import { steps } from './errors/steps';
import { tables } from './errors/tables';

export const errors = { config, files, dataset, tables, data, cli, runs, steps, jobs, judge, stats, bedrock };
