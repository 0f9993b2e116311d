import { describeBenchCases } from '@mcp/core-protocol/testing';
import cases from './cases';
import { tools } from '../src/index';

describeBenchCases('quality', cases, tools);
