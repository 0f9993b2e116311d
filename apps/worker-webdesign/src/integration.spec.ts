import { describeCategoryThroughGateway } from '@mcp/core-protocol/testing';
import cases from '@mcp/tools-webdesign/bench';

describeCategoryThroughGateway('webdesign', cases);
