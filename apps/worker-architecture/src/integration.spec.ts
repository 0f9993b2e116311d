import { describeCategoryThroughGateway } from '@mcp/core-protocol/testing';
import cases from '@mcp/bench/tools-architecture';

describeCategoryThroughGateway('architecture', cases);
