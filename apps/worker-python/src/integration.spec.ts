import { describeCategoryThroughGateway } from '@mcp/core-protocol/testing';
import cases from '@mcp/tools-python/bench';

describeCategoryThroughGateway('python', cases);
