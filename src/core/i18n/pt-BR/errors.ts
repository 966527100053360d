/** Every WorkshopError's problem and fix — português do Brasil, um sub-arquivo por módulo em `./errors/`. Mesmas chaves de `../en/errors.ts`. */
import type { errors as En } from '../en/errors';
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

export const errors: typeof En = { config, files, dataset, tables, data, cli, runs, steps, jobs, judge, stats, bedrock };
